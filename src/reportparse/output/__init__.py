"""Stage 4, write: the output columns, file formats and the output folder."""
