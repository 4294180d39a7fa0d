package io.deltasql.bench;

import io.delta.kernel.engine.Engine;

/** A Kernel trial on an Engine created (untimed) just before it. */
final class KernelTrial implements Trial {
    interface Op {
        long run(Engine engine) throws Exception;
    }

    private final KernelSide side;
    private final Op op;
    private Engine engine;

    KernelTrial(KernelSide side, Op op) {
        this.side = side;
        this.op = op;
    }

    @Override
    public void before() {
        engine = side.engine();
    }

    @Override
    public long run() throws Exception {
        return op.run(engine);
    }

    @Override
    public void after() {
        engine = null;
    }
}
