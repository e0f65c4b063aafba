"""Formulas: the lexer, the Pratt parser that builds expression trees, and exact evaluation."""
