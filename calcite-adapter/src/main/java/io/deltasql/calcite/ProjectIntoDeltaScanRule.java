package io.deltasql.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Narrows a virtual table scan to the columns the projection above it uses, so that columns that
 * are costly per row (JSON of partition values, tags, deletion vectors, record counts parsed from
 * stats) are computed only when a query asks for them. Calcite's field trimming puts such a
 * projection right above every scan.
 */
final class ProjectIntoDeltaScanRule extends RelOptRule {
    @SuppressWarnings(
            "deprecation") // RelRule's configs need generated Immutables classes; this rule has one fixed shape
    ProjectIntoDeltaScanRule() {
        super(operand(Project.class, operand(DeltaTableScan.class, none())), "ProjectIntoDeltaScanRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Project project = call.rel(0);
        DeltaTableScan scan = call.rel(1);
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
        if (used.cardinality() == scan.getRowType().getFieldCount()) {
            return;
        }
        List<Integer> fields = used.asList();
        DeltaTableScan narrowed = scan.narrowedTo(used);
        RexShuttle toNarrowed = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(fields.indexOf(ref.getIndex()), ref.getType());
            }
        };
        List<RexNode> projects = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            projects.add(e.accept(toNarrowed));
        }
        if (RexUtil.isIdentity(projects, narrowed.getRowType())) {
            call.transformTo(narrowed);
        } else {
            call.transformTo(project.copy(project.getTraitSet(), narrowed, projects, project.getRowType()));
        }
    }
}
