"""Failed and stuck work: the fallout rules' decisions on a failed task (``rules``), fallout records
(``records``), what agents do with them (``actions``) and the watchdog that finds stuck tasks and orders."""
