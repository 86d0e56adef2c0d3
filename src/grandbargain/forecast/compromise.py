"""The compromise model: the capability x salience weighted mean of the actors' positions.

Achen (2006, "Institutional realism and bargaining models", in Thomson, Stokman, Achen &
König (eds), *The European Union Decides*, Cambridge UP) derives the weighted mean as the
Nash bargaining solution of actors with quadratic losses whose bargaining weights are
capability x salience; van den Bos (1991, *Dutch EC Policy Making*, Thesis Publishers) used
it as the "compromise model" in EU decision-making studies, and Thomson et al. (2006) found
it among the most accurate of the models they tested on the DEU data. The weighted median
(the position a capability x salience weighted majority cannot beat: Black 1948; the "median
voter" of Bueno de Mesquita 1994) is reported beside it.
"""

from __future__ import annotations

from .data import ForecastIssue, ModelForecast, RoundState, weighted_mean, weighted_median

__all__ = ["compromise"]


def compromise(issue: ForecastIssue) -> ModelForecast:
    """Forecast an issue by the weighted mean of positions (weights capability x salience).

    The ``prediction`` is the weighted mean; ``median`` is the weighted median, where a tie at
    exactly half the weight goes to the lower position (:func:`weighted_median`). If every
    weight is 0 both fall back to the unweighted statistics. The trajectory is round 0 only:
    the model is static.
    """
    positions = tuple(a.position for a in issue.actors)
    weights = tuple(a.capability * a.salience for a in issue.actors)
    mean = weighted_mean(positions, weights)
    median = weighted_median(positions, weights)
    return ModelForecast(
        model="compromise",
        prediction=mean,
        mean=mean,
        median=median,
        trajectory=(RoundState(0, mean, median, positions),),
        stopped="static model: one round",
    )
