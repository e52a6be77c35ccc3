"""Project figures: counts, amounts, scopes and the batch/breakdown tree they form.

``words`` loads the word lists (``data/categories.toml``, ``data/figures.toml``);
``amounts`` reads investment amounts; ``mentions`` finds the counts of project
batches in a sentence; ``scopes`` finds who or where a figure covers; ``tree``
puts the mentions together into batches and their breakdowns, one stat per batch.
"""
