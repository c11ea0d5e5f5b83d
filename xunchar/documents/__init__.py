"""Official documents as PDFs: GB/T 9704-2012 layouts rendered by WeasyPrint with the fonts the project ships.

A phase app declares what it prints as `DocumentKind`s in its own `documents.py` (a list named
`DOCUMENT_KINDS`); `documents.registry` finds them. A page offers them with the panel include; the
PDF is rendered from the record as it is at that moment, stored, and handed out watermarked.
"""
