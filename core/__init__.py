"""Helpers the apps share: times, client addresses, sign-in throttling, admin history and widgets.

They sit below every app and import none of them; `registry/` (the project) puts them to use.
"""
