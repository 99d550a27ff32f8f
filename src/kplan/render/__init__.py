"""Jinja only: the template environment, the report's charts and words, the site."""
