"""Learned deciders: hashed features, linear models stored as weight arrays, training.

Rules (``extract/events.py``) propose candidate events; the models here decide the event
types a sentence states and the role each candidate actor plays. Run time needs numpy only;
training needs the ``train`` extra (scikit-learn).
"""
