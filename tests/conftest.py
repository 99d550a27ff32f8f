from tests.plantree import make_plan

__all__ = ["make_plan"]
