"""newsetl: batch ETL for multilingual news articles."""

import os

__version__ = "0.1.0"

# Arrow's own allocator keeps freed memory for reuse: about 90 MB more resident in a run's process for no
# measured speed (bench/pipeline.py, 10k articles). The C library's allocator gives it back. Arrow reads this
# when pyarrow is imported, so it is set here, before any command imports it; worker processes inherit it.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
