import ArgumentParser
import DimingCore

extension SourceCRS: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public var defaultValueDescription: String { description }
}
