"""`ct05 seed demo`: the article's units (`tree`), then a year of records (`records`), last year's and this
year's registrations (`cycle`) and the supervision missions that read the gaps they leave (`supervision`).
Fixed random seeds: two runs on empty databases give the same data."""
