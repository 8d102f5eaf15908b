"""Analysis over plain data: participant characteristics tables, and (to come) matrices, co-occurrence,
agreement and saturation."""
