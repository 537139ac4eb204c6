"""Markup front ends: Markdown -> HTML (markdown.py), the HTML token walker (html.py)."""
