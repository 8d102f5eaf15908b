"""REFI-QDA exchange: codebooks (.qdc) and projects (.qdpx), written strictly and read leniently, from and to plain
data (annotator.exchange.model)."""
