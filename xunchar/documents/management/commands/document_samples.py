"""Render the sample documents (xunchar/documents/samples.py) to PDF, to look at the layouts:

    manage.py document_samples /tmp/samples     # notice.pdf, letter.pdf, minutes.pdf, approval.pdf
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xunchar.documents.rendering import render
from xunchar.documents.samples import SAMPLES


class Command(BaseCommand):
    help = "Render the sample documents of each layout to PDF files in a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("names", nargs="*", help=f"which samples (default: all of {', '.join(SAMPLES)})")

    def handle(self, *args, folder, names, **options):
        unknown = sorted(set(names) - set(SAMPLES))
        if unknown:
            raise CommandError(f"no such sample: {', '.join(unknown)}")
        folder.mkdir(parents=True, exist_ok=True)
        for name in names or SAMPLES:
            template_name, context = SAMPLES[name]
            rendered = render(template_name, context)
            (folder / f"{name}.pdf").write_bytes(rendered.content)
            self.stdout.write(f"{name}.pdf: {rendered.page_count} pages, {len(rendered.content) / 1024:.0f} KB, {rendered.seconds:.2f} s")
