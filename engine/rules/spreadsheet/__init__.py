"""Decision tables as spreadsheets (XLSX, one table per sheet, and CSV).

The layout is documented in ``engine.rules.spreadsheet.layout``. Imports are validated
by compiling the table; every problem comes back in one ``SheetError`` whose issues name
the cell (``Sheet1!B4``; ``B4`` for CSV) and the body pointer.
"""

from .csv_io import export_csv, import_csv
from .errors import SheetError, SheetIssue
from .xlsx import export_xlsx, import_xlsx

__all__ = ["SheetError", "SheetIssue", "export_csv", "export_xlsx", "import_csv", "import_xlsx"]
