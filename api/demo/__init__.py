"""``ordo demo``: play every example of the demo pack end to end against a running Ordo, over HTTP.

``script`` reads the pack's demo script (which examples, in which order, the people's steps each needs, the
placeholders to fill, the state each must end in); ``tokens`` gets the demo users' API tokens; ``client``
talks to the API as one of them; ``steps`` are what the people do; ``play`` drives one order; ``report``
prints the progress and the final table; ``command`` is the click command.
"""
