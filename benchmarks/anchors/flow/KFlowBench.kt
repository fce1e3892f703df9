// Kotlin's flow { emit } / collect: the peer of jasyncio's async generators and async for-each
// loops (benchmarks/anchors/flow-compare.sh copies it into the Kotlin anchor before building).
// F1: elements that are ready; F2: each element after one yield() to runBlocking's event loop.
// Values stay within Integer's cache (i and 127), as on jasyncio's side.
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

const val NF1 = 10_000_000
const val NF2 = 1_000_000

object KFlowBench {
    @JvmStatic
    fun main(args: Array<String>) {
        Harness.header("Kotlin ${KotlinVersion.CURRENT} flow, runBlocking on one thread")
        val w = Harness.select(args)
        if ("f1" in w) Harness.bench("F1 flow ready elements N=$NF1", arrayOf("ns/element", "ms")) {
            val t0 = System.nanoTime()
            val sum = runBlocking {
                var s = 0L
                flow { for (i in 0 until NF1) emit(i and 127) }.collect { s += it }
                s
            }
            val dt = System.nanoTime() - t0
            Harness.sink = sum
            doubleArrayOf(dt.toDouble() / NF1, dt / 1e6)
        }
        if ("f2" in w) Harness.bench("F2 flow elements after a yield N=$NF2", arrayOf("ns/element", "ms")) {
            val t0 = System.nanoTime()
            val sum = runBlocking {
                var s = 0L
                flow { for (i in 0 until NF2) { yield(); emit(i and 127) } }.collect { s += it }
                s
            }
            val dt = System.nanoTime() - t0
            Harness.sink = sum
            doubleArrayOf(dt.toDouble() / NF2, dt / 1e6)
        }
    }
}
