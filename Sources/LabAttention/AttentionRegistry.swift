// Every attention variant the lab has. A new variant is one file in Variants/ plus one line here.

public enum AttentionRegistry {
    public static let all: [any AttentionVariant.Type] = [
        FullAttention.self,
        SlidingWindowAttention.self,
        RAttention.self,
        LinearAttention.self,
    ]

    /// The variant type registered under `kind`.
    public static func type(ofKind kind: String) -> (any AttentionVariant.Type)? {
        all.first { $0.kind == kind }
    }

    public static var kinds: [String] { all.map { $0.kind } }
}
