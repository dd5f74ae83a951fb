// OSM PBF reading for Diming through libosmium: see include/osm_pbf.h.

#include "osm_pbf.h"

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/index/map/sparse_mem_array.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/visitor.hpp>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

namespace {

using PositiveIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
using NegativeIndex = osmium::index::map::SparseMemArray<osmium::unsigned_object_id_type, osmium::Location>;
using LocationHandler = osmium::handler::NodeLocationsForWays<PositiveIndex, NegativeIndex>;
/// Node versions by id (a delivery to OSM writes a way's nodes with them, as JOSM requires).
using VersionIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, uint32_t>;

/// Thrown to unwind out of osmium::apply when the callback asks to stop.
struct Stopped {};

class RoadWayHandler : public osmium::handler::Handler {
public:
    RoadWayHandler(std::vector<std::string> keys, diming_pbf_way_callback callback, void *context, diming_pbf_stats &stats)
        : keys_(std::move(keys)), callback_(callback), context_(context), stats_(stats) {}

    void node(const osmium::Node &node) {
        ++stats_.nodes;
        if (node.id() > 0 && node.version() > 0) versions_.set(node.positive_id(), node.version());
    }
    void relation(const osmium::Relation &) { ++stats_.relations; }

    void way(const osmium::Way &way) {
        ++stats_.ways;
        const osmium::TagList &tags = way.tags();
        bool classed = false;
        for (const osmium::Tag &tag : tags) {
            for (const std::string &key : keys_) {
                if (key == tag.key()) { classed = true; break; }
            }
            if (classed) break;
        }
        if (!classed) {
            ++stats_.ways_without_class;
            return;
        }
        ids_.clear(); lons_.clear(); lats_.clear(); nodeVersions_.clear(); keyPointers_.clear(); valuePointers_.clear();
        for (const osmium::NodeRef &ref : way.nodes()) {
            ids_.push_back(ref.ref());
            nodeVersions_.push_back(ref.ref() > 0 ? static_cast<int32_t>(versions_.get_noexcept(ref.positive_ref())) : 0);
            const osmium::Location location = ref.location();
            if (location.valid()) {
                lons_.push_back(location.x());
                lats_.push_back(location.y());
            } else {
                lons_.push_back(DIMING_PBF_MISSING);
                lats_.push_back(DIMING_PBF_MISSING);
            }
        }
        for (const osmium::Tag &tag : tags) {
            keyPointers_.push_back(tag.key());
            valuePointers_.push_back(tag.value());
        }
        diming_pbf_way out;
        out.id = way.id();
        out.version = static_cast<int32_t>(way.version());
        out.node_count = ids_.size();
        out.node_ids = ids_.data();
        out.lons = lons_.data();
        out.lats = lats_.data();
        out.node_versions = nodeVersions_.data();
        out.tag_count = keyPointers_.size();
        out.keys = keyPointers_.data();
        out.values = valuePointers_.data();
        if (callback_(&out, context_) != 0) throw Stopped{};
    }

private:
    std::vector<std::string> keys_;
    diming_pbf_way_callback callback_;
    void *context_;
    diming_pbf_stats &stats_;
    std::vector<int64_t> ids_;
    std::vector<int32_t> lons_, lats_, nodeVersions_;
    VersionIndex versions_;
    std::vector<const char *> keyPointers_, valuePointers_;
};

void copyError(const char *message, char *error, size_t size) {
    if (error == nullptr || size == 0) return;
    std::snprintf(error, size, "%s", message);
}

} // namespace

extern "C" int diming_pbf_read(const char *path, const char *const *class_keys, size_t class_key_count,
                               diming_pbf_way_callback callback, diming_pbf_progress_callback progress, void *context,
                               diming_pbf_stats *stats, char *error, size_t error_size) {
    diming_pbf_stats local{};
    diming_pbf_stats &counts = stats ? *stats : local;
    counts = diming_pbf_stats{};
    try {
        std::vector<std::string> keys;
        for (size_t i = 0; i < class_key_count; ++i) keys.emplace_back(class_keys[i]);
        osmium::io::File file{path, "pbf"};
        osmium::io::Reader reader{file, osmium::osm_entity_bits::nwr};
        PositiveIndex positive;
        NegativeIndex negative;
        LocationHandler locations{positive, negative};
        locations.ignore_errors(); // a way's missing nodes come out as DIMING_PBF_MISSING; Swift decides
        RoadWayHandler roads{std::move(keys), callback, context, counts};
        while (osmium::memory::Buffer buffer = reader.read()) {
            osmium::apply(buffer, locations, roads);
            counts.bytes = static_cast<int64_t>(reader.offset());
            if (progress) progress(&counts, context);
        }
        reader.close();
        return 0;
    } catch (const Stopped &) {
        return 1;
    } catch (const std::exception &e) {
        copyError(e.what(), error, error_size);
        return -1;
    } catch (...) {
        copyError("unknown error in libosmium", error, error_size);
        return -1;
    }
}
