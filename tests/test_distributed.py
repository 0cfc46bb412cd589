"""A build on a Dask cluster gives the same tables as a local build."""
import pytest

from newstables.pipeline import build
from test_build import table_contents

distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_local_cluster_of_two_workers_matches_local_build(tmp_path):
    local = tmp_path / "local.db"
    build("corpus", local, cache_dir=None, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_cluster = tmp_path / "cluster.db"
        report = build("corpus", on_cluster, cache_dir=tmp_path / "cache", progress=False, scheduler=client)
        assert report.parsed == 5
        # a second run takes the parsed docs from the client's cache to the workers
        again = build("corpus", tmp_path / "again.db", cache_dir=tmp_path / "cache", progress=False,
                      scheduler=client)
        assert (again.parsed, again.cached) == (0, 5)
    assert table_contents(on_cluster) == table_contents(local)
    assert table_contents(tmp_path / "again.db") == table_contents(local)
