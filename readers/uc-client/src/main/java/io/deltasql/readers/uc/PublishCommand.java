package io.deltasql.readers.uc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Snapshot;
import java.util.Optional;

/**
 * {@code publish}: the client-side copy of the latest snapshot's ratified staged commits newer than
 * the newest listed {@code _delta_log/<v>.json} to {@code _delta_log/<v>.json} (put-if-absent: a
 * version already there is left as it is). The catalog hears of it only with the next commit.
 */
final class PublishCommand {
    private PublishCommand() {}

    static ObjectNode run(UcTable table, Arguments args) throws Exception {
        Snapshot snapshot = table.loadSnapshot(Optional.empty());
        Snapshot published = snapshot.publish(table.engine());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("version", published.getVersion());
        return out;
    }
}
