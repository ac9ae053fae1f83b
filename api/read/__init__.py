"""The read side of the native API: per screen area, the queries and the typed views they answer.

Each module holds the response types (``api.contract.Model`` subclasses) of its area and the functions that
fill them from the store; these views are the only place a native response is shaped. Lists select the
columns they show (never whole order bodies) and return ``api.contract.Page``.
"""
