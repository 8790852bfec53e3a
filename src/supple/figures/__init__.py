"""Exercise figures: a posable body drawn from pose data, for every exercise and side."""

from supple.figures.draw import figure_svg

__all__ = ["figure_svg"]
