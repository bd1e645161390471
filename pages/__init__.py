"""Page objects: locators and user intents for each page a parent meets, no assertions.

Locators prefer what a parent sees (roles, labels, visible text) and fall back to Azure AD B2C's
standard ids, so that they work on the real district pages as well as on the replica.
"""
