"""Machine checks on claims: figure against source, period against source, recomputed arithmetic.

The checks suggest and flag; the editor still decides the verdict.
"""
