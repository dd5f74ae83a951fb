import DimingCLI
import Foundation

exit(await DimingCommand.run(Array(CommandLine.arguments.dropFirst())))
