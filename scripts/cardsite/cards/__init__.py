"""The data model (model.py: Card, Deck, Concept, Problem, no I/O), how a card is
made from a reader's fields (make.py), and the transforms every card goes
through after reading (media, formulas). May import core and markup."""
