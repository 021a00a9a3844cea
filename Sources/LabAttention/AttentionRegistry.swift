// Every attention variant the lab has. A new variant is one file in Variants/ plus one line here.
// Outside Variants/ and this file no source names a kind (AttentionRegistryTests scans for it).
import LabResults

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

    /// Every variant's description, in registry order (`describe`).
    public static var descriptions: [VariantDescription] { all.map(describe) }

    /// `type`'s description as result rows carry it: its own (`AttentionVariant.about`) with the
    /// reference's kind it is compared with (`VariantDescription.referenceKind`).
    public static func describe(_ type: any AttentionVariant.Type) -> VariantDescription {
        var d = type.about
        d.referenceKind = reference.kind
        return d
    }

    /// The reference variant (`about.isReference`; exactly one, AttentionRegistryTests checks it):
    /// the default layer of a model and of a pattern shorthand.
    public static var reference: any AttentionVariant.Type {
        guard let r = all.first(where: { $0.about.isReference }) else { preconditionFailure("no reference variant registered") }
        return r
    }

    /// The reference variant's default config (its `minimalConfigJSON`, which takes no required key).
    public static var referenceConfig: AnyAttentionConfig {
        do { return try AnyAttentionConfig.parse(json: reference.minimalConfigJSON) } catch {
            preconditionFailure("the reference variant's minimal config does not decode: \(error)")
        }
    }
}
