// What every page knows about the city: GET /api/config's city (name, time zone, focus layer, goal,
// bounds) when the console names one, and GET /api/layers (every zone layer it holds, uploaded ones
// included, each with its version, bounds and zone names). Nothing in the pages names a city, a
// layer or a place: they take them from here.

// How often the pages look for layers uploaded or edited while they are open.
export const LAYER_POLL_MS = 10000;

/**
 * The city as the pages use it. `get(path)` fetches JSON with the page's token.
 * Returns { config, name, timeZone, goalPercent, focus, finest, bounds, layers }:
 * focus is the focus layer's id (the console's, else the first layer), finest the layer with the
 * most zones besides it, bounds [west, south, east, north] of every layer.
 */
export async function loadCity(get) {
    const [config, layers] = await Promise.all([get('/api/config'), get('/api/layers')]);
    return describeCity(config, layers);
}

export function describeCity(config, layers) {
    const city = config.city || {};
    const ids = layers.map((l) => l.id);
    const focus = ids.includes(city.focusLayer) ? city.focusLayer : (ids[0] ?? null);
    let finest = null;
    for (const layer of layers) {
        if (layer.id !== focus && (finest === null || layer.zones > finest.zones)) {
            finest = layer;
        }
    }
    return {
        config,
        name: city.name || null,
        timeZone: city.timeZone || undefined,
        goalPercent: city.goalPercent ?? null,
        focus,
        finest: finest ? finest.id : null,
        bounds: city.bounds || unionBounds(layers),
        layers,
    };
}

/**
 * The city with the layers of a later look at /api/layers: the focus and finest layers stay as
 * they were while they exist; the bounds become those of every layer.
 */
export function withLayers(city, layers) {
    const next = describeCity(city.config, layers);
    const ids = layers.map((l) => l.id);
    if (ids.includes(city.focus)) {
        next.focus = city.focus;
    }
    if (ids.includes(city.finest) && city.finest !== next.focus) {
        next.finest = city.finest;
    }
    next.bounds = unionBounds(layers);
    return next;
}

/** The box around every layer's bounds, or null when there is none. */
export function unionBounds(layers) {
    const boxes = layers.map((l) => l.bounds).filter(Boolean);
    if (boxes.length === 0) {
        return null;
    }
    return [
        Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])),
        Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3])),
    ];
}

/** [west, south, east, north] as Leaflet's [[south, west], [north, east]]. */
export function leafletBounds(box) {
    return [[box[1], box[0]], [box[3], box[2]]];
}

/** The layer of that id, or undefined. */
export function layerOf(city, id) {
    return city.layers.find((l) => l.id === id);
}

/**
 * Polls /api/layers and calls onChange({ layers, added, changed, removed }) with layer ids when a
 * layer was added, replaced (a new version) or removed since the last look. Returns a stop function.
 */
export function watchLayers(get, city, onChange, everyMs = LAYER_POLL_MS) {
    let known = new Map(city.layers.map((l) => [l.id, l.version]));
    const timer = setInterval(async () => {
        let layers;
        try {
            layers = await get('/api/layers');
        } catch (e) {
            return; // the next look tries again
        }
        const now = new Map(layers.map((l) => [l.id, l.version]));
        const added = layers.filter((l) => !known.has(l.id)).map((l) => l.id);
        const changed = layers.filter((l) => known.has(l.id) && known.get(l.id) !== l.version)
            .map((l) => l.id);
        const removed = [...known.keys()].filter((id) => !now.has(id));
        known = now;
        if (added.length || changed.length || removed.length) {
            onChange({ layers, added, changed, removed });
        }
    }, everyMs);
    return () => clearInterval(timer);
}
