import DimingCLI
import Foundation

exit(DimingCommand.run(Array(CommandLine.arguments.dropFirst())))
