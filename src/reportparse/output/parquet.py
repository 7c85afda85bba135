"""``OUT/parquet/<name>.parquet``: each CSV as a typed Parquet file, via pyarrow.

Integers are nullable ``int64``, numbers ``float64``, booleans ``bool``, ISO dates
``date32``, text ``string``; rows are written in batches so a large tokens file needs
little memory. ``pandas.read_parquet(path, dtype_backend="numpy_nullable")`` gives the
nullable ``Int64`` columns of ``Report.frame``.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .typed import Table

_ARROW_TYPES = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
                "date": pa.date32(), "text": pa.string()}
_BATCH_ROWS = 50_000


def write_parquet(table: Table, path: Path) -> None:
    """Write ``table`` into ``path``."""
    schema = pa.schema([(column, _ARROW_TYPES[kind])
                        for column, kind in zip(table.columns, table.kinds)])
    rows = table.rows()
    with pq.ParquetWriter(path, schema) as writer:
        while batch := list(islice(rows, _BATCH_ROWS)):
            columns = list(zip(*batch))
            writer.write_table(pa.Table.from_arrays(
                [pa.array(values, type=field.type) for values, field in zip(columns, schema)],
                schema=schema))
        # a file with no rows still carries its schema: ParquetWriter writes it on close
