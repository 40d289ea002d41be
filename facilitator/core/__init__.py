"""The domain core: plain Python, no Qt, no SQL.

Everything here can be built, edited and reasoned about in a test without a
display or a file; the store persists it and the Qt layer presents it.
"""
