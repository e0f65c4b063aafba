"""Claims: the stated numbers of a document and the computations they must agree with."""
