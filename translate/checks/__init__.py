"""The checks: what flags a translated segment, and how a flag is kept, waived or verified.

``segment`` (every check of one segment, the entry point), ``qa`` (typography, punctuation,
repetition, markup), ``agreement`` (article-noun agreement), ``quantities`` (numbers, dates,
times however a language writes them), ``waivers`` (a person's decision that a flag is a false
alarm), ``seal`` (the digest that lets an unchanged work file skip its checks) and ``delivery``
(`tx check` of a bilingual file from any tool).
"""
