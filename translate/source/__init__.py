"""The source text: articles read from disk (``articles``, ``markdown``, ``sanitize``), their
inline Markdown (``inline``) and their sentences (``segments``, with the rule-based splitter in
``segmentation``)."""
