"""Translation engines: the protocol (``base``), the registry that picks one (``registry``),
the engines (``argos`` with ``argos_packages`` and ``tokenizers``, ``apertium``, ``cluster``
for Ray), what can be installed for a pair (``catalogue``) and what serves which pair here
(``availability``)."""
