"""Tests of the house style: the labelled corpus, context sections, rule documentation."""
