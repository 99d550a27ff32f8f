"""Typed rows from a Plan, no printing: status, catalog, changes, the report's context."""
