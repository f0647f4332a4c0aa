"""Production: work orders with immutable build specs, the production queue, capacity and ship dates."""
