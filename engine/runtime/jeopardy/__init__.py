"""Late work: jeopardy assessment of orders (``assess``), the periodic scan, the jeopardy rules' actions and
the alerts people see."""
