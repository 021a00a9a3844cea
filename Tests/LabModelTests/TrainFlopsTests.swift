// The model FLOP count of a training step (`ModelBench.trainFlopsPerToken`, docs/conventions.md):
// 6 × matmul parameters + 3 × each layer variant's forward mixing FLOPs per token. Checked here
// against the formulas written out by hand for one small model per variant.
import Testing
import LabAttention
import LabKernels
@testable import LabModel

@Suite struct TrainFlopsTests {
    /// C 16, 2 layers, H 2, D 8, no MLP, T 32; `mixer` is the layer config of both layers.
    func model(_ mixer: String) throws -> ModelConfig {
        try ModelConfig.parse("{vocab: 11, model_dim: 16, layers: 2, heads: 2, kv_heads: 2, head_dim: 8, mlp_ratio: 0, pattern: [\(mixer)]}")
    }
    let T = 32, H = 2, D = 8

    func mixing(_ mixer: String) throws -> Double {
        let c = try model(mixer)
        return (ModelBench.trainFlopsPerToken(c, length: T) - 6 * ModelBench.matmulParameters(c)) / (2 * 3)
    }

    @Test func softmaxCountsTheVisibleCausalPairs() throws {
        // full: (T + 1)/2 pairs per query; a window of 4: 5 keys, less the first 4 positions' shortfall
        #expect(try mixing("{kind: full}") == 4 * Double(T + 1) / 2 * Double(H * D))
        let pairs = 5.0 - 4.0 * 5.0 / (2 * Double(T))
        #expect(try mixing("{kind: sliding_window, window: 4}") == 4 * pairs * Double(H * D))
    }

    /// At D 8 the dispatch picks the fused recurrent kernel: state read and update, no
    /// intra-chunk term (chunk size 0), whatever `chunk` says.
    @Test func linearBranchesCountTheDispatchedKernel() throws {
        let window = try mixing("{kind: sliding_window, window: 4}")
        let branch = LinearAttentionShape(B: 1, H: H, T: T, D: D, window: 4).forwardFLOPs(chunkSize: 0) / Double(T)
        #expect(branch > 0)
        #expect(KernelRegistry.residualLinearAttention.dispatch(LinearAttentionCase(LinearAttentionShape(H: H, T: T, D: D, window: 4), chunkSize: 16)).kernel.name == "fused-recurrent")
        #expect(abs(try mixing("{kind: rattention, window: 4, chunk: 16}") - (window + branch)) < 1e-9 * branch)
        #expect(try mixing("{kind: rattention, window: 4, linear_branch: off}") == window)
        let plain = LinearAttentionShape(B: 1, H: H, T: T, D: D, window: -1).forwardFLOPs(chunkSize: 0) / Double(T)
        #expect(abs(try mixing("{kind: linear_attention}") - plain) < 1e-9 * plain)
    }

    /// At D 64 the dispatch picks the chunked kernel: its count includes the causal half of the
    /// intra-chunk blocks at the config's chunk size.
    @Test func wideHeadsCountTheChunkedKernel() throws {
        let c = try ModelConfig.parse("{vocab: 11, model_dim: 64, layers: 1, heads: 1, head_dim: 64, mlp_ratio: 0, pattern: [{kind: rattention, window: 4, chunk: 16}]}")
        let swa = try ModelConfig.parse("{vocab: 11, model_dim: 64, layers: 1, heads: 1, head_dim: 64, mlp_ratio: 0, pattern: [{kind: sliding_window, window: 4}]}")
        let branch = LinearAttentionShape(B: 1, H: 1, T: T, D: 64, window: 4).forwardFLOPs(chunkSize: 16) / Double(T)
        let got = ModelBench.mixingForwardFlopsPerToken(c, length: T) - ModelBench.mixingForwardFlopsPerToken(swa, length: T)
        #expect(abs(got - branch) < 1e-9 * branch)
    }

    @Test func eachModeHasItsRooflineCost() throws {
        let c = try model("{kind: rattention, window: 4}")
        let n = ModelBench.matmulParameters(c), head = Double(11 * 16)
        let train = try #require(ModelBench.callCost(c, mode: .train, batch: 3, length: T, stateBytes: nil))
        #expect(train.bytes == 40 * n && train.flops == 3 * Double(T) * ModelBench.trainFlopsPerToken(c, length: T))
        #expect(ModelBench.callCost(c, mode: .prefill, batch: 3, length: T, stateBytes: nil) == nil)
        let prefill = try #require(ModelBench.callCost(c, mode: .prefill, batch: 3, length: T, stateBytes: 1000))
        let mixing = ModelBench.mixingForwardFlopsPerToken(c, length: T)
        #expect(prefill.bytes == 4 * n + 1000)
        #expect(abs(prefill.flops - (3 * Double(T) * (2 * (n - head) + mixing) + 3 * 2 * head)) < 1e-9 * prefill.flops)
        let decode = try #require(ModelBench.callCost(c, mode: .decode, batch: 3, length: T, stateBytes: 1000))
        let expected = ModelBench.decodeStepCost(c, batch: 3, stateBytes: 1000)
        #expect(decode.bytes == expected.bytes && decode.flops == expected.flops)
    }
}
