"""A statistical NER layer behind the rules: LAC proposes PER and ORG candidates, rules confirm them.

``lac`` runs the model (``pip install '.[ner]'``), ``trigger`` picks the
sentences worth its time, ``confirm`` decides which candidates become leaders
and organisations. The spaCy component is ``zhnews.pipeline.layers.ner``.
"""
