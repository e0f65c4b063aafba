"""Judgement: each claim evaluated and judged against its stated precision, with its message."""
