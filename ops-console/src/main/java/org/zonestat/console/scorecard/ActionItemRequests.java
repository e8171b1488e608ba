package org.zonestat.console.scorecard;

import static org.zonestat.console.JsonBody.required;
import static org.zonestat.console.JsonBody.text;

import io.javalin.http.BadRequestResponse;
import java.time.LocalDate;
import org.zonestat.console.JsonBody;
import org.zonestat.topics.ActionItem;

/**
 * What the action-item endpoints accept: the JSON bodies as records, each checked on construction
 * (strings stripped; a missing, blank or too long field refused with a message naming it, see
 * {@link JsonBody}), and the filter of the list. Whether a layer and zone exist is checked against
 * the catalog by the caller.
 */
public final class ActionItemRequests {
    private ActionItemRequests() {}

    /** {@code POST /api/action-items}. */
    public record Create(
            String layer,
            String zone,
            String what,
            String agency,
            String assignee,
            LocalDate dueDate) {
        public Create {
            layer = text("layer", layer, 64, true);
            zone = text("zone", zone, 200, true);
            what = text("what", what, 500, true);
            agency = text("agency", agency, 100, true);
            assignee = text("assignee", assignee, 100, false);
            required("dueDate", dueDate);
        }
    }

    /** {@code POST /api/action-items/{id}/assign}. */
    public record Assign(String agency, String assignee) {
        public Assign {
            agency = text("agency", agency, 100, true);
            assignee = text("assignee", assignee, 100, false);
        }
    }

    /** {@code POST /api/action-items/{id}/close}; the body may be empty (no note). */
    public record Close(String note) {
        public Close {
            note = text("note", note, 500, false);
        }
    }

    /**
     * {@code GET /api/action-items?layer=&zone=&status=}: each null member matches every item.
     *
     * @throws BadRequestResponse if a zone is given without a layer or the status is neither open
     *     nor closed
     */
    public record Filter(String layer, String zone, String status) {
        public Filter {
            if (zone != null && layer == null) {
                throw new BadRequestResponse("query parameter 'zone' needs 'layer'");
            }
            if (status != null
                    && !status.equals(ActionItem.OPEN)
                    && !status.equals(ActionItem.CLOSED)) {
                throw new BadRequestResponse(
                        "query parameter 'status' must be open or closed, was '" + status + "'");
            }
        }

        public boolean matches(ActionItem item) {
            return (layer == null || item.layer().equals(layer))
                    && (zone == null || item.zone().equals(zone))
                    && (status == null || item.status().equals(status));
        }
    }
}
