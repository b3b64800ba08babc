"""Write the dashboard's offline base map, dashboard/static/world.geojson: every country's
outline from countryinfo (MIT), coordinates rounded to 0.1 degree and consecutive duplicate
points dropped, so the file stays small. Run by maintainers: `python scripts/build_world_outline.py`."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import countryinfo

OUT = Path(__file__).resolve().parents[1] / "src" / "eventscope" / "dashboard" / "static" / "world.geojson"


def simplify(ring: list) -> list:
    points = []
    for x, y in ring:
        point = [round(x, 1), round(y, 1)]
        if not points or point != points[-1]:
            points.append(point)
    return points if len(points) >= 4 else []


def main() -> None:
    features = []
    for file in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        info = json.loads(file.read_text())
        shape = info.get("geoJSON")
        if isinstance(shape, str):
            shape = ast.literal_eval(shape)
        if not shape or not shape.get("features"):
            continue
        geometry = shape["features"][0]["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        kept = [[r for r in map(simplify, polygon) if r] for polygon in polygons]
        kept = [p for p in kept if p]
        if kept:
            iso3 = (info.get("ISO") or {}).get("alpha3")
            features.append({"type": "Feature", "properties": {"iso3": iso3, "name": info.get("name")},
                             "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"wrote {len(features)} outlines to {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
