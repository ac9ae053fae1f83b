"""Users, passwords, bearer tokens, web sessions with CSRF, the login rate limit and the /api/v1/auth API.

Deliberately empty: ``api.permissions`` imports ``identity`` and ``sessions`` from here, and the blueprint
imports ``api.permissions``, so nothing is imported at package level.
"""
