/// Grammatical syllables so frequent that requiring them sinks a query (`mô hình tự quản
/// về an ninh` need not say `về`). The query side makes them optional outside quoted
/// phrases; they still earn the adjacency bonus. `người`, `dân` and `tộc` are content
/// words (`người Hoa`, `dân tộc`) and are not here.
public enum FunctionWords {
    /// Exact forms (case folded, diacritics kept): typed without diacritics, `cua` may be
    /// a crab, so only the accented spelling counts as the function word.
    public static let all: Set<String> = [
        "của", "và", "các", "là", "được", "có", "trong", "cho", "những", "một", "với", "về",
        "ở", "tại", "đã", "sẽ", "thì", "mà", "này", "đó", "để", "từ", "theo", "khi", "như",
        "cũng", "vào", "bị", "do", "nên", "nhưng", "hoặc", "rất", "đang", "lại", "còn",
    ]

    public static func contains(_ token: Token) -> Bool {
        all.contains(token.exact)
    }
}
