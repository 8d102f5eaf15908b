"""The co-occurrence network: the codes of the strongest pairs (up to `top`) on a circle, the pairs among them as
lines by count or by coefficient, a clear refusal when no two codes occur together; saved as PNG or SVG."""

import pytest

from annotator.analysis.cooccurrence import Cooccurrence
from annotator.analysis.matrix import Header
from annotator.core.errors import AnnotatorError
from annotator.reports.charts import save_figure
from annotator.reports.network_chart import cooccurrence_network_figure, network_layout


def _result(pairs: dict[tuple[int, int], int], codes: int = 6) -> Cooccurrence:
    frequencies = [10 + k for k in range(codes)]
    return Cooccurrence([Header(k, f"Code {k}") for k in range(codes)], "overlap", frequencies,
                        {ij: [(1, 10 * n, 10 * n + 5) for n in range(count)] for ij, count in pairs.items()})


def test_the_strongest_pairs_choose_the_codes_and_only_their_pairs_are_drawn(tmp_path):
    result = _result({(0, 1): 9, (1, 2): 5, (3, 4): 4, (0, 5): 1, (2, 3): 2})
    nodes, edges = network_layout(result, top=4)
    assert nodes == [0, 1, 2, 3]  # from the strongest pairs down: 0-1, 1-2, 3-4 brings 3 only (4 would be the fifth)
    assert [(i, j) for i, j, _w in edges] == [(0, 1), (1, 2), (2, 3)]
    figure = cooccurrence_network_figure(result, top=4)
    assert figure.node_codes == ["Code 0", "Code 1", "Code 2", "Code 3"] and figure.edge_count == 3
    assert len(figure.axes[0].lines) == 3 and len(figure.axes[0].collections) == 4
    for suffix in ("png", "svg"):
        assert save_figure(figure, tmp_path / f"network.{suffix}").stat().st_size > 2000


def test_by_coefficient_the_weights_are_c():
    result = _result({(0, 1): 9, (2, 3): 2})
    _nodes, edges = network_layout(result, measure="coefficient")
    assert edges[0][:2] == (0, 1) and edges[0][2] == pytest.approx(9 / (10 + 11 - 9))


def test_no_pair_no_network_and_an_unknown_measure_is_refused():
    with pytest.raises(AnnotatorError, match="No two codes occur together"):
        cooccurrence_network_figure(_result({}))
    with pytest.raises(AnnotatorError, match="by count or by coefficient"):
        network_layout(_result({(0, 1): 1}), measure="words")
