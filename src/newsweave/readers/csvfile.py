"""CSV and TSV tables with a header row, one article per row."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from newsweave.errors import InputError
from newsweave.model import Problem, RawDoc
from newsweave.readers.base import Input, Reader
from newsweave.readers.decode import decode
from newsweave.readers.records import record_to_doc

_DELIMITERS = ",;\t|"


class CsvReader(Reader):
    name = "csv"
    extensions = (".csv", ".tsv")

    def sniff(self, head: bytes) -> float:
        try:
            sample = head[:8192].decode("utf-8", errors="ignore")
        except ValueError:
            return 0.0
        lines = sample.splitlines()
        if len(lines) < 2 or sample.lstrip().startswith(("<", "{", "[")):
            return 0.0
        try:
            dialect = csv.Sniffer().sniff("\n".join(lines[:5]), delimiters=_DELIMITERS)
        except csv.Error:
            return 0.0
        header = [h.strip().strip('"').lower() for h in lines[0].split(dialect.delimiter)]
        known = {n.lower() for n in self.settings.fields.text}
        if known.intersection(header):
            return 0.8
        # a table without a text column: as likely as plain text, so a .csv name makes it ours and its
        # reader says what is missing instead of the text reader storing the cells as prose
        return 0.1 if len(header) >= 2 else 0.0

    def read(self, item: Input) -> Iterator[RawDoc | Problem]:
        text = decode(item.read_all(self.settings.limits.max_file_bytes))
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=_DELIMITERS)
        except csv.Error as exc:
            raise InputError(f"not a CSV table: {exc}") from exc
        csv.field_size_limit(min(sys.maxsize, max(self.settings.limits.max_article_chars, 131072)))
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
        columns = [str(c).strip() for c in reader.fieldnames or []]
        wanted = self.settings.fields.text
        if not {c.lower() for c in columns} & {n.lower() for n in wanted}:
            raise InputError(
                f"no text column: the header has {', '.join(columns[:12]) or 'nothing'}; looked for "
                f"{', '.join(wanted)} (map yours with --field text=NAME)"
            )
        limit = self.settings.limits.max_records_per_file
        row_number = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Problem(item.source, "read", f"line {reader.line_num}: broken CSV ({exc}); rest of file skipped")
                return
            row_number += 1
            if row_number - 1 > limit:
                yield Problem(item.source, "read", f"stopped after {limit:,} rows (limits.max_records_per_file)")
                return
            where = f"{item.source}:{reader.line_num}"
            if None in row:
                yield Problem(where, "read", f"row {row_number}: more cells than header columns")
                continue
            try:
                yield record_to_doc(dict(row), self.settings.fields, where, self.name)
            except InputError as exc:
                yield Problem(where, "read", f"row {row_number}: {exc}")
